/** A chart definition's drawing laid out at the frame's width in a theme's palette: what views and snapshot tests draw. */
import { panelsLayout, type PanelsLayout } from './bars/layout';
import type { Drawing } from './definition';
import { histogramLayout, type HistogramLayout } from './histogram/layout';
import { lorenzLayout, type LorenzLayout } from './lorenz/layout';
import type { Palette } from './palette';

export type DrawingLayout =
  { kind: 'bars'; layout: PanelsLayout } | { kind: 'histogram'; layout: HistogramLayout } | { kind: 'lorenz'; layout: LorenzLayout };

/** The width of the Lorenz square's box: the size the dashboard draws at. */
const LORENZ_MAX = 420;
const LORENZ_HEIGHT = 300;

/** `highlight`: bar rows a reporter highlights (the others are muted); ignored by other drawings. */
export function layoutDrawing(
  drawing: Drawing,
  width: number,
  palette: Palette,
  highlight: ReadonlySet<string> | null = null,
): DrawingLayout {
  switch (drawing.kind) {
    case 'bars':
      return { kind: 'bars', layout: panelsLayout([{ title: null, input: { ...drawing.input, highlight } }], width, palette) };
    case 'panels':
      return {
        kind: 'bars',
        layout: panelsLayout(
          drawing.panels.map((p) => ({ ...p, input: { ...p.input, highlight } })),
          width,
          palette,
        ),
      };
    case 'histogram':
      return {
        kind: 'histogram',
        layout: histogramLayout({ ...drawing.input, width, height: drawing.height, tickStep: drawing.tickStepAt(width) }, palette),
      };
    case 'lorenz':
      return { kind: 'lorenz', layout: lorenzLayout(drawing.groups, Math.min(width, LORENZ_MAX), LORENZ_HEIGHT, palette) };
  }
}
