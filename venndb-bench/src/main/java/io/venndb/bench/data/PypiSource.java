package io.venndb.bench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Every PyPI project with a summary (828,266 rows), read from {@code pypi-summaries.tsv.gz}: never
 * committed, found beside the repository in {@code ../shared/datasets} or in {@code --data-dir}.
 * Columns: month of the latest release as a number yyyymm (range filters; NULL for the few
 * projects without one), popularity rank (NULL outside the 15,000 most downloaded); the summary is
 * the embedded text.
 */
public final class PypiSource {
  public static final String NAME = "pypi";
  public static final String FILE = "pypi-summaries.tsv.gz";

  private PypiSource() {}

  /** The file in {@code dataDir} if given, else in {@code <repo>/../shared/datasets}. */
  public static Path locate(Path dataDir, Path repoRoot) {
    List<Path> tried = new ArrayList<>();
    if (dataDir != null) {
      tried.add(dataDir.resolve(FILE));
    }
    tried.add(repoRoot.resolve("..").resolve("shared").resolve("datasets").resolve(FILE).normalize());
    for (Path p : tried) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException("cannot find " + FILE + "; looked at " + tried
        + ". Pass --data-dir DIR (the file is not part of the repository).");
  }

  /** The first {@code limit} rows in file order (sorted by name). */
  public static TextCorpus read(Path file, int limit) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString(), limit);
    }
  }

  static TextCorpus read(InputStream in, String source, int limit) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (header == null || !header.equals("name\tmonth\trank\tsummary")) {
      throw new IOException(source + ": expected the header 'name<TAB>month<TAB>rank<TAB>summary', got " + header);
    }
    List<String> keys = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    LongList months = new LongList();
    BitSet monthNulls = new BitSet();
    LongList ranks = new LongList();
    BitSet rankNulls = new BitSet();
    int line = 1;
    for (String s = reader.readLine(); s != null && keys.size() < limit; s = reader.readLine()) {
      line++;
      String[] f = s.split("\t", 4);
      if (f.length != 4) {
        throw new IOException(source + " line " + line + ": expected 4 tab-separated fields, got " + f.length);
      }
      keys.add(f[0]);
      if (f[1].isEmpty()) {
        monthNulls.set(months.size); // 21 projects have no release month: NULL
      }
      months.add(f[1].isEmpty() ? 0 : month(f[1], source, line));
      if (f[2].isEmpty()) {
        rankNulls.set(ranks.size);
      }
      ranks.add(f[2].isEmpty() ? 0 : Long.parseLong(f[2]));
      texts.add(f[3]);
    }
    int n = keys.size();
    Table table = new Table(n, List.of(new LongColumn("month", months.toArray(), monthNulls),
        new LongColumn("rank", ranks.toArray(), rankNulls)));
    return new TextCorpus(NAME, keys.toArray(String[]::new), "name", texts.toArray(String[]::new), "summary", table);
  }

  /** "2024-05" → 202405. */
  static long month(String s, String source, int line) throws IOException {
    if (s.length() != 7 || s.charAt(4) != '-') {
      throw new IOException(source + " line " + line + ": month '" + s + "' is not YYYY-MM");
    }
    return Long.parseLong(s.substring(0, 4)) * 100 + Long.parseLong(s.substring(5));
  }

  /** Growable primitive list, so 828k rows never box. */
  private static final class LongList {
    long[] values = new long[1024];
    int size;

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
