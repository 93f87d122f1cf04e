package io.venndb.store;

import java.util.Arrays;

/**
 * One long per doc id, with a bit saying whether it was set: the primary keys of a collection
 * ({@link KeyColumn}), a numeric index's value of each doc. One writer sets a doc's value before
 * the commit that makes the doc visible and never changes it afterwards (doc ids are not reused),
 * so readers need no lock: growth copies the slots into a new holder published through a
 * volatile field, and a reader sees either holder complete for every doc its view contains.
 */
public final class LongsByDoc {
  private record Slots(long[] values, long[] present) {}

  private volatile Slots slots = new Slots(new long[0], new long[0]);

  /** Sets the value of {@code doc}; single writer. */
  public void set(int doc, long value) {
    Slots s = slots;
    if (doc >= s.values.length) {
      int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(doc + 1L, s.values.length * 3L / 2 + 1024));
      s = new Slots(Arrays.copyOf(s.values, capacity), Arrays.copyOf(s.present, (capacity + 63) >>> 6));
      slots = s;
    }
    s.values[doc] = value;
    s.present[doc >>> 6] |= 1L << doc;
  }

  public boolean has(int doc) {
    Slots s = slots;
    return doc >= 0 && doc < s.values.length && (s.present[doc >>> 6] & (1L << doc)) != 0;
  }

  /** The value of {@code doc}, meaningful only where {@link #has} is true. */
  public long get(int doc) {
    return slots.values[doc];
  }

  /** Whether {@code doc} has a value within [from, to]. */
  public boolean inRange(int doc, long from, long to) {
    Slots s = slots;
    if (doc < 0 || doc >= s.values.length || (s.present[doc >>> 6] & (1L << doc)) == 0) {
      return false;
    }
    long v = s.values[doc];
    return v >= from && v <= to;
  }

  /** Heap bytes of the slots. */
  public long bytes() {
    Slots s = slots;
    return 8L * (s.values.length + s.present.length);
  }
}
