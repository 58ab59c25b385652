CREATE TABLE IF NOT EXISTS slice_note (id serial PRIMARY KEY, body text NOT NULL);
DELETE FROM slice_note;
