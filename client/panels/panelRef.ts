// The block reference a restored panel starts from: read back from the webview state its page kept, which
// is untrusted (an older version of the page may have written it, or nothing usable).
import type { PanelRef } from '../webview/messages';

export function panelRefOf(state: unknown): PanelRef | null {
  const ref = (state as { ref?: Partial<PanelRef> } | undefined)?.ref;
  if (typeof ref?.uri !== 'string' || typeof ref.blockIndex !== 'number') return null;
  return { uri: ref.uri, blockIndex: ref.blockIndex, pinned: ref.pinned === true, blockDeleted: ref.blockDeleted === true };
}
