// Serialises the drawn graph as a standalone SVG file: the whole graph (not the current zoom), with the
// theme's computed colours written as presentation attributes because the VS Code CSS variables do not exist
// outside the webview. (Attributes, not style="": the page's CSP refuses inline styles.)

const INLINED_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline',
] as const;

export function exportSvg(surface: SVGSVGElement, layer: SVGGElement, width: number, height: number): string {
  const copy = surface.cloneNode(true) as SVGSVGElement;
  inlinePresentation(surface, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.ceil(width)));
  copy.setAttribute('height', String(Math.ceil(height)));
  copy.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
  const copiedLayer = copy.querySelector(`#${layer.id}`);
  copiedLayer?.removeAttribute('transform');
  for (const toggle of Array.from(copy.querySelectorAll('.collapse-toggle'))) toggle.remove();
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  copy.insertBefore(background, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** Copies the computed presentation of every element of `source` onto the same element of `target`. */
function inlinePresentation(source: Element, target: Element): void {
  const sources = [source, ...Array.from(source.querySelectorAll('*'))];
  const targets = [target, ...Array.from(target.querySelectorAll('*'))];
  sources.forEach((element, i) => {
    const computed = getComputedStyle(element);
    for (const property of INLINED_PROPERTIES) {
      const value = computed.getPropertyValue(property);
      if (value) targets[i].setAttribute(property, value);
    }
  });
}
