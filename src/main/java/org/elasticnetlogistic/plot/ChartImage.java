package org.elasticnetlogistic.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Charts drawn one above the other into one image (a multinomial path has one chart per
 * class), with the rendering information of each chart: where its plot and axes landed, in
 * the image's pixel coordinates.
 */
public final class ChartImage {

  private final BufferedImage image;
  private final List<ChartRenderingInfo> renderings;

  private ChartImage(BufferedImage image, List<ChartRenderingInfo> renderings) {
    this.image = image;
    this.renderings = List.copyOf(renderings);
  }

  /**
   * Draws the charts top to bottom, each {@code width} by {@code heightEach} pixels.
   *
   * @throws IllegalArgumentException for no charts or a size below 100 pixels
   */
  public static ChartImage render(List<JFreeChart> charts, int width, int heightEach) {
    if (charts.isEmpty()) {
      throw new IllegalArgumentException("no charts to draw");
    }
    if (width < 100 || heightEach < 100) {
      throw new IllegalArgumentException("a chart needs at least 100 x 100 pixels, got "
          + width + " x " + heightEach);
    }
    BufferedImage image = new BufferedImage(width, heightEach * charts.size(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setColor(Color.WHITE);
      g2.fillRect(0, 0, image.getWidth(), image.getHeight());
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      List<ChartRenderingInfo> renderings = new ArrayList<>();
      for (int i = 0; i < charts.size(); i++) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        charts.get(i).draw(g2, new Rectangle2D.Double(0, i * heightEach, width, heightEach),
            null, info);
        renderings.add(info);
      }
      return new ChartImage(image, renderings);
    } finally {
      g2.dispose();
    }
  }

  /** A copy of the drawn image. */
  public BufferedImage image() {
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), image.getType());
    Graphics2D g2 = copy.createGraphics();
    g2.drawImage(image, 0, 0, null);
    g2.dispose();
    return copy;
  }

  public int width() {
    return image.getWidth();
  }

  public int height() {
    return image.getHeight();
  }

  /** The rendering information of each chart, in drawing order. */
  public List<ChartRenderingInfo> renderings() {
    return renderings;
  }

  /** Writes the image as a PNG file, creating its folder if needed. */
  public void writePng(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      ChartUtils.writeBufferedImageAsPNG(out, image);
    }
  }
}
