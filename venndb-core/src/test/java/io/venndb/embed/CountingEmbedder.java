package io.venndb.embed;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to a real embedder and counts the texts it was asked to embed. */
final class CountingEmbedder implements Embedder {
  private final Embedder delegate;
  private final AtomicInteger texts = new AtomicInteger();

  CountingEmbedder(Embedder delegate) {
    this.delegate = delegate;
  }

  int textsEmbedded() {
    return texts.get();
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public float[][] embed(List<String> batch) {
    texts.addAndGet(batch.size());
    return delegate.embed(batch);
  }

  /** Does not close the delegate: tests share it. */
  @Override
  public void close() {}
}
