package io.qonduit.dsl.oqtant.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qonduit.oqtant.model.Image;
import io.qonduit.oqtant.model.InTrapOutput;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Rendering from Java. */
class PlotsTest {
    @Test
    void rendersAnImageAndALine() throws IOException {
        double[] pixels = new double[12 * 16];
        pixels[5 * 16 + 7] = 3.0;
        Image image = new Image(pixels, 12, 16, 0.344);

        RenderedPlot plot = OqtantPlots.image(new InTrapOutput(image));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(plot.toPng()));
        assertEquals(plot.getWidth(), png.getWidth());
        assertEquals(0xFFFFFF, png.getRGB(0, 0) & 0xFFFFFF);
        int x = plot.getPlotArea().x + (int) Math.ceil(7 * plot.getPlotArea().width / 16.0);
        int y = plot.getPlotArea().y + (int) Math.ceil(5 * plot.getPlotArea().height / 12.0);
        assertEquals(Viridis.TOP, png.getRGB(x, y) & 0xFFFFFF);

        RenderedPlot line = LinePlot.render(new double[] {0, 1, 2}, new double[] {0, 1, 0});
        assertEquals(640, ImageIO.read(new ByteArrayInputStream(line.toPng())).getWidth());
        assertEquals(Viridis.BOTTOM, Viridis.rgb(0));
        assertEquals(ImagePlot.DEFAULT_PLOT_WIDTH, ImagePlot.render(image).getPlotArea().width);
    }
}
