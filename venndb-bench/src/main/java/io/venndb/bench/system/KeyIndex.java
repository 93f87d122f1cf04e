package io.venndb.bench.system;

import java.util.HashMap;
import java.util.Map;

/**
 * Primary key → base-row ordinal. Systems return their rows' keys, as a user would see them, and
 * the harness maps them back to ordinals here; the lookup is part of every system's timed answer.
 */
public final class KeyIndex {
  private final Map<String, Integer> ordinals;

  public KeyIndex(String[] keys) {
    ordinals = new HashMap<>(keys.length * 2);
    for (int i = 0; i < keys.length; i++) {
      if (ordinals.put(keys[i], i) != null) {
        throw new IllegalArgumentException("duplicate key '" + keys[i] + "'");
      }
    }
  }

  public int ordinal(Object key) {
    Integer i = ordinals.get(String.valueOf(key));
    if (i == null) {
      throw new IllegalStateException("a system returned unknown key '" + key + "'");
    }
    return i;
  }
}
