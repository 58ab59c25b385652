-- a migration with a syntax error, for the bad-configuration corpus
CREATE TABLE corpus_broken (id BIGINT PRIMARY KEY,, note TEXT);
