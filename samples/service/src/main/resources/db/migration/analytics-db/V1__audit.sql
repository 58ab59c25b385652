CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    event       VARCHAR(64)  NOT NULL,
    subject     VARCHAR(255) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
