package io.venndb.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.venndb.error.StorageException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A BERT-style ONNX model that maps a {@link TokenBatch} to one pooled, unit-length vector per row.
 * Thread-safe: ONNX Runtime allows concurrent {@code run} calls on one session.
 */
final class OnnxEncoder implements AutoCloseable {
  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final String HIDDEN_STATE = "last_hidden_state";

  private final OrtEnvironment environment;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final Set<String> inputs;
  private final String output;
  private final int dimension;

  private OnnxEncoder(
      OrtEnvironment environment, OrtSession.SessionOptions options, OrtSession session)
      throws OrtException {
    this.environment = environment;
    this.options = options;
    this.session = session;
    this.inputs = session.getInputNames();
    this.output = outputName(session);
    this.dimension = hiddenSize(session, output);
  }

  static OnnxEncoder fromClasspath(String resource, int intraOpThreads) {
    byte[] model = ClasspathResource.read(resource);
    try {
      // ONNX Runtime writes its log straight to stderr, around System.Logger: errors only.
      OrtEnvironment environment =
          OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "venndb");
      environment.setTelemetry(false);
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(intraOpThreads);
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      return new OnnxEncoder(environment, options, environment.createSession(model, options));
    } catch (OrtException e) {
      throw new StorageException("cannot load ONNX model " + resource, e);
    }
  }

  /** The last axis of the hidden-state output, e.g. 384 for MiniLM. */
  private static int hiddenSize(OrtSession session, String outputName) throws OrtException {
    NodeInfo output = session.getOutputInfo().get(outputName);
    long[] shape = ((TensorInfo) output.getInfo()).getShape();
    long size = shape[shape.length - 1];
    if (size <= 0) {
      throw new StorageException("model output " + output.getName() + " has no fixed width", null);
    }
    return Math.toIntExact(size);
  }

  private static String outputName(OrtSession session) {
    Set<String> names = session.getOutputNames();
    return names.contains(HIDDEN_STATE) ? HIDDEN_STATE : names.iterator().next();
  }

  int dimension() {
    return dimension;
  }

  float[][] embed(TokenBatch batch) {
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      put(feed, INPUT_IDS, batch.inputIds(), batch);
      put(feed, ATTENTION_MASK, batch.attentionMask(), batch);
      put(feed, TOKEN_TYPE_IDS, batch.typeIds(), batch);
      try (OrtSession.Result result = session.run(feed)) {
        OnnxValue hidden = result.get(output).orElseThrow();
        return MeanPooling.pool(((OnnxTensor) hidden).getFloatBuffer(), batch, dimension);
      }
    } catch (OrtException e) {
      throw new StorageException("ONNX Runtime failed on a batch of " + batch.rows(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /** Feeds only what the graph declares: some exports drop token_type_ids. */
  private void put(Map<String, OnnxTensor> feed, String name, long[] data, TokenBatch batch)
      throws OrtException {
    if (inputs.contains(name)) {
      feed.put(name, OnnxTensor.createTensor(environment, LongBuffer.wrap(data), batch.shape()));
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new StorageException("cannot close ONNX session", e);
    } finally {
      // The environment is a process-wide singleton shared with other sessions; it stays open.
      options.close();
    }
  }
}
