package io.venndb.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Recall (x) against queries per second (y, log scale), one line per series, drawn with
 * java.awt in headless mode and written as PNG. Points of a series are joined in the order given
 * (increasing search effort).
 */
public final class RecallQpsPlot {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 260;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final Color[] PALETTE = {new Color(0xD6, 0x27, 0x28), new Color(0x1F, 0x77, 0xB4),
      new Color(0x2C, 0xA0, 0x2C), new Color(0xFF, 0x7F, 0x0E), new Color(0x94, 0x67, 0xBD),
      new Color(0x8C, 0x56, 0x4B), new Color(0x17, 0xBE, 0xCF)};

  /** One point of a curve. */
  public record Point(double recall, double qps) {}

  /** One line. */
  public record Series(String name, List<Point> points) {}

  private RecallQpsPlot() {}

  public static void write(Path png, String title, String subtitle, List<Series> series) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      Axes axes = Axes.fit(series);
      drawFrame(g, axes, title, subtitle);
      for (int i = 0; i < series.size(); i++) {
        drawSeries(g, axes, series.get(i), PALETTE[i % PALETTE.length], i);
      }
    } finally {
      g.dispose();
    }
    ImageIO.write(img, "png", png.toFile());
  }

  /** Data ranges: recall from just below the lowest point to 1, QPS in whole decades. */
  record Axes(double minRecall, double maxRecall, double minLog, double maxLog) {
    static Axes fit(List<Series> series) {
      double minR = 1;
      double minQ = Double.MAX_VALUE;
      double maxQ = 0;
      for (Series s : series) {
        for (Point p : s.points()) {
          minR = Math.min(minR, p.recall());
          if (p.qps() > 0) {
            minQ = Math.min(minQ, p.qps());
            maxQ = Math.max(maxQ, p.qps());
          }
        }
      }
      if (maxQ == 0) {
        minQ = 1;
        maxQ = 10;
      }
      double lowR = Math.max(0, Math.floor((minR - 0.02) * 20) / 20);
      return new Axes(Math.min(lowR, 0.9), 1.0, Math.floor(Math.log10(minQ)), Math.ceil(Math.log10(maxQ) + 1e-9));
    }

    int x(double recall) {
      return LEFT + (int) Math.round((recall - minRecall) / (maxRecall - minRecall) * (WIDTH - LEFT - RIGHT));
    }

    int y(double qps) {
      double l = Math.log10(Math.max(qps, Math.pow(10, minLog)));
      return HEIGHT - BOTTOM - (int) Math.round((l - minLog) / (maxLog - minLog) * (HEIGHT - TOP - BOTTOM));
    }
  }

  private static void drawFrame(Graphics2D g, Axes a, String title, String subtitle) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (double l = a.minLog(); l <= a.maxLog(); l++) {
      int y = a.y(Math.pow(10, l));
      g.setColor(new Color(0xE5, 0xE5, 0xE5));
      g.drawLine(LEFT, y, WIDTH - RIGHT, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%,.0f", Math.pow(10, l)), 8, y + 4);
    }
    for (double r = a.minRecall(); r <= a.maxRecall() + 1e-9; r += 0.05) {
      int x = a.x(r);
      g.setColor(new Color(0xE5, 0xE5, 0xE5));
      g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.2f", r), x - 12, HEIGHT - BOTTOM + 16);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    g.drawString("recall (reported queries)", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 60, HEIGHT - 20);
    g.drawString("QPS, 1 thread (log scale)", LEFT + 6, TOP + 14);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(subtitle, LEFT, 38);
  }

  private static void drawSeries(Graphics2D g, Axes a, Series s, Color color, int index) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    Point prev = null;
    for (Point p : s.points()) {
      int x = a.x(p.recall());
      int y = a.y(p.qps());
      g.fillOval(x - 4, y - 4, 8, 8);
      if (prev != null) {
        g.drawLine(a.x(prev.recall()), a.y(prev.qps()), x, y);
      }
      prev = p;
    }
    int ly = TOP + 10 + index * 20;
    g.fillOval(WIDTH - RIGHT + 15, ly - 4, 8, 8);
    g.drawLine(WIDTH - RIGHT + 10, ly, WIDTH - RIGHT + 28, ly);
    g.setColor(Color.BLACK);
    g.drawString(s.name(), WIDTH - RIGHT + 34, ly + 4);
  }
}
