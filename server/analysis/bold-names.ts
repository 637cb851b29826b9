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
      let f = this.faces.get(text) ?? previous.get(text);
      if (!f) f = letterFaces(text);
      this.faces.set(text, f);
      return f;
    };
    const bold = new Set<string>();
    const plain = new Set<string>();
    for (const block of blocks) {
      if (block.syntax !== 'latex') continue;   // code cells have no bold: their x is the note's x
      const f = facesOf(block.text);
      f.bold.forEach((l) => bold.add(l));
      f.plain.forEach((l) => plain.add(l));
      // An annotation binds names; its bold letters count, its plain ones are only how code writes bold.
      if (block.annotation) facesOf(block.annotation.text).bold.forEach((l) => bold.add(l));
    }
    const apart = [...bold].filter((l) => plain.has(l));
    if (apart.length === 0) return blocks;
    return blocks.map((block) => {
      if (block.syntax !== 'latex') return block;
      const own = new Set([...facesOf(block.text).bold, ...(block.annotation ? facesOf(block.annotation.text).bold : [])]);
      const letters = apart.filter((l) => own.has(l)).sort();
      return letters.length > 0 ? { ...block, boldApart: letters } : block;
    });
  }
}
