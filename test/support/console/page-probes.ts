/**
 * The helpers the browser tests run inside the page, as the Node side sees them: plain data in
 * and out, no DOM types. Their bodies live in in-page/probes.ts, type-checked against the DOM by
 * in-page/tsconfig.json (so the root program never loads lib "dom"), bundled by browser.ts and
 * installed on every page it opens; call them with probe() / waitForProbe() from browser.ts.
 */
export interface PageProbes {
  /** Every image on the page has finished loading, decoded or not. */
  imagesSettled(): boolean;
  /** Images that did not decode, and placeholders the console put where an image broke. */
  undecodedImages(): string[];
  /** Starts recording each value the `selector` <progress> takes. */
  recordProgress(selector: string): void;
  /** What recordProgress saw (in order, repeats possible), and the bar's value and max now. */
  progressSeen(selector: string): { seen: number[]; value: number; max: number };
  /** The `name` attribute of every element matching `selector`, in document order. */
  attributes(selector: string, name: string): (string | null)[];
  /** For each element matching `selector`: how many `.segment` children, their drawn width. */
  segmentBars(selector: string): { segments: number; drawn: number }[];
  /** How far the page is wider than the window (≤ 0: nothing sticks out). */
  horizontalOverflow(): number;
  /** A fetch from the page (same origin, same headers as the console's own calls). */
  fetchText(path: string): Promise<{ status: number; type: string; text: string }>;
  /** Pixels with any ink on the first canvas matching `selector`. */
  inkedPixels(selector: string): number;
}

/** Where in-page/probes.ts puts them on the page's global object. */
export interface ProbeHost {
  trendxlProbes: PageProbes;
}
