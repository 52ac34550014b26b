/** Builds an element from text only: data from the API never becomes HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** The element with this id, which the page is known to contain. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The page has no #${id}`);
  return node as T;
}

/**
 * A page a script fills in (Base.astro's `fillsIn`) starts a screen tall, so that the help below
 * it does not jump while it fills. When what it shows turns out short (a service not found, an
 * error), that space is given back, so the help comes up into view rather than leaving a gap.
 */
export function shortContentShown(): void {
  document.getElementById("main")?.classList.remove("main--fills-in");
}
