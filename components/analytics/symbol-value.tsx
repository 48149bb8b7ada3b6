/** A value shown as a symbol (∞, —) with words for screen readers, which read symbols unreliably. */
export function SymbolValue({ text, spoken }: { text: string; spoken: string | null }) {
  if (!spoken) return <>{text}</>;
  return (
    <>
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">{spoken}</span>
    </>
  );
}
