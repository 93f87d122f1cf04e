package io.venndb.bench.query;

import io.venndb.bench.data.Dataset;

/** The base set every system indexes and the queries run against it. */
public record BenchData(Dataset base, QuerySet queries) {}
