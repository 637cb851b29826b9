// The messages between the extension-side panel classes and the pages running in the webview.
// Types only: the pages import these with `import type`, so nothing of the protocol package is bundled.
import type { GraphData, TraceData } from '../../server/protocol';

/** A source range as the language server sends it (LSP, zero-based lines and UTF-16 characters). */
export interface WireRange { start: { line: number; character: number }; end: { line: number; character: number } }

/** Extension → graph page. */
export type ToGraphPage =
  | { type: 'graph'; data: GraphData; pinned: boolean }
  | { type: 'highlight'; nodeId: number | null }
  | { type: 'requestSvg'; requestId: number }
  | { type: 'error'; message: string }
  | { type: 'blockDeleted'; message: string };

/** Graph page → extension. */
export type FromGraphPage =
  | { type: 'ready' }
  | { type: 'reveal'; range: WireRange }
  | { type: 'pin'; pinned: boolean }
  | { type: 'svg'; svg: string; requestId: number | null }   // requestId null: the page's own "Export SVG" button
  | { type: 'exportDot'; extended: boolean }   // extended: as the page shows it (Extended graph ticked)
  | { type: 'copyDot'; extended: boolean };

/** Extension → trace page. */
export type ToTracePage =
  | { type: 'trace'; data: TraceData }
  | { type: 'error'; message: string }
  | { type: 'blockDeleted'; message: string };

/** Trace page → extension. */
export type FromTracePage =
  | { type: 'ready' }
  | { type: 'reveal'; range: WireRange }
  | { type: 'tangentInput'; name: string };

/**
 * Which block a panel shows; kept in the page's webview state so a serializer can restore the panel.
 * blockDeleted: the block was deleted while the panel showed it (a restored panel says so again).
 */
export interface PanelRef { uri: string; blockIndex: number; pinned: boolean; blockDeleted?: boolean }
