INSERT INTO slice_note (id, body) VALUES (1, 'from data.sql');
