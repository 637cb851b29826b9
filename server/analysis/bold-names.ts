// Bold and plain letters across a note. Notes that write vectors and matrices bold keep the plain
// letter for something else: `\mathbf{h} = \phi(\mathbf{z})` is a hidden vector and the `h` of
// `\mathbb{R}^{q \times h}` its size. When a note writes a letter both ways, the bold one is a name of
// its own (`\mathbf{h}`); when it writes only one, bold is only a face and `\mathbf{x}` is `x` (so an
// annotation or a code cell's `x` binds it). A plain entry `x_i` is not a plain use: it is how notes
// write an entry of the bold vector (SPEC §3).
import { letterFaces, type LetterFaces } from '../parse/latex/faces';
import type { MathBlock } from '../scan/blocks';

/** Letter faces by text, so a keystroke re-reads only the block it changed. */
export class BoldNames {
  private faces = new Map<string, LetterFaces>();

  /** The blocks with `boldApart` set where it applies (copies; the others as they are). */
  mark(blocks: readonly MathBlock[]): readonly MathBlock[] {
    const previous = this.faces;
    this.faces = new Map();
    const facesOf = (text: string): LetterFaces => {
      const f = this.faces.get(text) ?? previous.get(text) ?? letterFaces(text);
      this.faces.set(text, f);
      return f;
    };
    const bold = new Set<string>();
    const plain = new Set<string>();
    // Per block, the letters it writes bold. An annotation binds names: its bold letters count; its plain ones
    // are only how code writes the bold one. Code cells have no bold: their x is the note's x.
    const written = blocks.map((block) => {
      if (block.syntax !== 'latex') return undefined;
      const faces = facesOf(block.text);
      faces.plain.forEach((l) => plain.add(l));
      const own = new Set(faces.bold);
      if (block.annotation) facesOf(block.annotation.text).bold.forEach((l) => own.add(l));
      own.forEach((l) => bold.add(l));
      return own;
    });
    const apart = [...bold].filter((l) => plain.has(l)).sort();
    if (apart.length === 0) return blocks;
    return blocks.map((block, i) => {
      const letters = apart.filter((l) => written[i]?.has(l));
      return letters.length > 0 ? { ...block, boldApart: letters } : block;
    });
  }
}
