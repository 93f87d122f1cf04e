package io.venndb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Large-page blocks behave as ordinary arena memory: zeroed, writable to the last byte, aligned to
 * 2 MiB, and gone when their arena closes. Off Linux (or below one page) there is no block, and
 * the arena allocates normally, which {@link VectorArenaTest} covers.
 */
class LargePagesTest {
  @Test
  void aBlockIsZeroedAlignedWritableAndFreedWithItsArena() {
    long bytes = 3 * LargePages.PAGE + 12_345;
    MemorySegment block;
    try (Arena arena = Arena.ofShared()) {
      block = LargePages.allocate(arena, bytes);
      if (block == null) {
        assertThat(System.getProperty("os.name")).as("only other platforms go without").doesNotStartWith("Linux");
        return;
      }
      assertThat(block.byteSize()).isEqualTo(bytes);
      assertThat(block.address() % LargePages.PAGE).isZero();
      for (long at = 0; at < bytes; at += 4093) {
        assertThat(block.get(ValueLayout.JAVA_BYTE, at)).isZero();
        block.set(ValueLayout.JAVA_BYTE, at, (byte) 7);
      }
      block.set(ValueLayout.JAVA_BYTE, bytes - 1, (byte) 9);
      assertThat(block.get(ValueLayout.JAVA_BYTE, bytes - 1)).isEqualTo((byte) 9);
    }
    MemorySegment closed = block;
    assertThatThrownBy(() -> closed.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void smallBlocksAreLeftToTheNormalAllocator() {
    try (Arena arena = Arena.ofConfined()) {
      assertThat(LargePages.allocate(arena, LargePages.PAGE - 1)).isNull();
    }
  }
}
