// Untrusted text between an opening and a closing tag, for the model to read as data (tool results, an
// earlier answer): the text cannot close the wrapper early or open a new one, since every "<" that would
// start the tag inside it is written "&lt;". The model sees one wrapper with the whole text inside. Pure.

/** `tag` is a fixed name (letters, digits, "-"); `attributes` are written as given (` tool="read_file"`). */
export function enclose(tag: string, text: string, attributes = ''): string {
  return `<${tag}${attributes}>\n${neutralise(tag, text)}\n</${tag}>`
}

/** The text with every opening or closing `tag` in it (any case, spaces allowed after "<" and "/") made inert. */
function neutralise(tag: string, text: string): string {
  return text.replace(new RegExp(`<(\\s*/?\\s*${tag}(?![\\w-]))`, 'gi'), '&lt;$1')
}
