package io.venndb.catalog;

/** The type of a collection's primary key. */
public enum KeyType {
  STRING,
  LONG
}
