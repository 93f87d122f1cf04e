package io.venndb.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.venndb.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A HuggingFace tokenizer read from a classpath {@code tokenizer.json}, truncating to a fixed
 * number of word pieces (special tokens included). Thread-safe: the Rust tokenizer behind it only
 * reads its state while encoding.
 */
final class TextTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;

  private TextTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  static TextTokenizer fromClasspath(String resource, int maxTokens) {
    // The file asks for truncation at 128 and padding to 128; padding would change this quantized
    // model's output (see MiniLmEmbedder), and 256 is the length the model was trained on.
    Map<String, String> options =
        Map.of(
            "addSpecialTokens", "true",
            "truncation", "true",
            "padding", "false",
            "maxLength", Integer.toString(maxTokens));
    try (InputStream in = ClasspathResource.open(resource)) {
      return new TextTokenizer(HuggingFaceTokenizer.newInstance(in, options));
    } catch (IOException e) {
      throw new StorageException("cannot load tokenizer " + resource, e);
    }
  }

  TokenBatch encode(String text) {
    return TokenBatch.single(tokenizer.encode(text));
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
