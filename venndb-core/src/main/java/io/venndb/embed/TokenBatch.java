package io.venndb.embed;

import ai.djl.huggingface.tokenizers.Encoding;

/**
 * Model input: token ids, attention mask and token type ids, row-major {@code rows x width}, in the
 * int64 form a BERT-style ONNX graph takes.
 */
record TokenBatch(int rows, int width, long[] inputIds, long[] attentionMask, long[] typeIds) {

  TokenBatch {
    assert inputIds.length == rows * width
            && attentionMask.length == rows * width
            && typeIds.length == rows * width
        : "arrays do not match " + rows + " x " + width;
  }

  /** One text, unpadded (see {@link MiniLmEmbedder} for why texts are not batched). */
  static TokenBatch single(Encoding encoding) {
    long[] ids = encoding.getIds();
    return new TokenBatch(1, ids.length, ids, encoding.getAttentionMask(), encoding.getTypeIds());
  }

  long[] shape() {
    return new long[] {rows, width};
  }
}
