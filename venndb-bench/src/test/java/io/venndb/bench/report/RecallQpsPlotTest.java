package io.venndb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallQpsPlotTest {
  @TempDir
  Path dir;

  @Test
  void writesADecodablePngHeadless() throws Exception {
    Path png = dir.resolve("p.png");
    RecallQpsPlot.write(png, "title", "subtitle", List.of(
        new RecallQpsPlot.Series("a", List.of(new RecallQpsPlot.Point(0.8, 5000), new RecallQpsPlot.Point(0.99, 900))),
        new RecallQpsPlot.Series("b", List.of(new RecallQpsPlot.Point(1.0, 40)))));
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(560);
  }
}
