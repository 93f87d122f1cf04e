package io.venndb.crash;

import io.venndb.api.Collection;
import io.venndb.api.VennDB;
import java.nio.file.Path;

/**
 * The process the crash test kills: opens the database, writes batches from {@code first} on
 * (each fsynced before it returns) and prints {@code ACK i} after batch i is acknowledged.
 * Arguments: directory, seed, first batch index.
 */
public final class CrashChild {
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    int first = Integer.parseInt(args[2]);
    try (VennDB db = VennDB.open(dir)) {
      Collection c = db.hasCollection("crash") ? db.collection("crash") : db.createCollection(CrashWorkload.schema());
      System.out.println("READY");
      System.out.flush();
      for (int i = first; ; i++) {
        c.write(CrashWorkload.batch(seed, i));
        System.out.println("ACK " + i);
        System.out.flush();
      }
    }
  }

  private CrashChild() {}
}
