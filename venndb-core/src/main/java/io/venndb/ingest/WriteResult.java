package io.venndb.ingest;

/** What a committed batch did; {@code generation} is the collection's commit count after it. */
public record WriteResult(int inserted, int updated, int deleted, long generation) {}
