CREATE TABLE IF NOT EXISTS slice_note (id int PRIMARY KEY, body text NOT NULL);
DELETE FROM slice_note;
