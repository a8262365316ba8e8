package org.elasticnetlogistic.plot;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;

/** Reading rendered charts back: where a value landed, and what colour is there. */
final class Pixels {

  private Pixels() {
  }

  /** The data area of a rendered chart, in image pixels. */
  static Rectangle2D dataArea(ChartRenderingInfo info) {
    return info.getPlotInfo().getDataArea();
  }

  /** The image column of a log(lambda) value on a rendered chart's x axis. */
  static int column(XYPlot plot, ChartRenderingInfo info, double logLambda) {
    ValueAxis axis = plot.getDomainAxis();
    return (int) Math.round(axis.valueToJava2D(logLambda, dataArea(info),
        plot.getDomainAxisEdge()));
  }

  /**
   * The fraction of the data area's rows whose pixel in the given column (or one beside
   * it, for anti-aliasing) is near the colour.
   */
  static double columnShare(BufferedImage image, Rectangle2D area, int x, Color color) {
    int top = (int) Math.ceil(area.getMinY()) + 1;
    int bottom = (int) Math.floor(area.getMaxY()) - 1;
    int hits = 0;
    for (int y = top; y <= bottom; y++) {
      for (int dx = -1; dx <= 1; dx++) {
        if (near(image.getRGB(x + dx, y), color)) {
          hits++;
          break;
        }
      }
    }
    return hits / (double) (bottom - top + 1);
  }

  /**
   * Whether a pixel is the colour, or the colour at least half-covering a white background
   * (a thin anti-aliased line spreads over two columns).
   */
  static boolean near(int rgb, Color color) {
    int[] pixel = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    int[] target = {color.getRed(), color.getGreen(), color.getBlue()};
    int strongest = 0;
    for (int i = 1; i < 3; i++) {
      if (target[i] < target[strongest]) {
        strongest = i;
      }
    }
    double coverage = (255.0 - pixel[strongest]) / (255.0 - target[strongest]);
    if (coverage < 0.5 || coverage > 1.1) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      double expected = coverage * target[i] + (1 - coverage) * 255;
      if (Math.abs(pixel[i] - expected) > 24) {
        return false;
      }
    }
    return true;
  }

  /**
   * The pixels of a colour inside a region, as {x, y} pairs, leaving out the columns within
   * two pixels of the given ones (where the marker lines are).
   */
  static List<int[]> pixelsOf(BufferedImage image, Rectangle region,
      Color color, int... skippedColumns) {
    List<int[]> found = new ArrayList<>();
    for (int y = Math.max(region.y, 0); y < Math.min(region.y + region.height,
        image.getHeight()); y++) {
      columns:
      for (int x = Math.max(region.x, 0); x < Math.min(region.x + region.width,
          image.getWidth()); x++) {
        for (int skipped : skippedColumns) {
          if (Math.abs(x - skipped) <= 2) {
            continue columns;
          }
        }
        if (near(image.getRGB(x, y), color)) {
          found.add(new int[] {x, y});
        }
      }
    }
    return found;
  }

  /** The fraction of the image's pixels that are not white. */
  static double inkShare(BufferedImage image) {
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          ink++;
        }
      }
    }
    return ink / (double) (image.getWidth() * image.getHeight());
  }

  /** Whether a column of the image is white from top to bottom. */
  static boolean whiteColumn(BufferedImage image, int x) {
    for (int y = 0; y < image.getHeight(); y++) {
      if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
        return false;
      }
    }
    return true;
  }
}
