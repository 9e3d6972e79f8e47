// The relationships of an Office package's parts (the _rels/*.rels parts): which part a slide's
// picture, a workbook's sheet or a presentation's master is. Read with the XML parser, attributes by
// name in any order (openpyxl writes Target before Id), targets resolved relative to the part's folder
// or from the package's root. Pure.
import type { OfficePackage } from './office-package.ts'
import { readPart } from './office-package.ts'
import { attr, is, NS, parseXml, type XmlElement, type XmlEvents, type XmlTag } from './xml.ts'

export interface Relationship {
  id: string
  /** The last segment of its type URI: slide, image, slideLayout, worksheet, ... */
  type: string
  /** The part it points to, resolved to a name in the package; null when external. */
  target: string | null
}

/** The relationships part of a part ('' is the package itself). */
export function relsPart(part: string): string {
  const slash = part.lastIndexOf('/')
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`
}

function resolve(from: string, target: string): string {
  const base = target.startsWith('/') ? [] : from.split('/').slice(0, -1)
  for (const segment of target.replace(/^\//, '').split('/')) {
    if (segment === '..') base.pop()
    else if (segment && segment !== '.') base.push(segment)
  }
  return base.join('/')
}

function decoded(target: string): string {
  try {
    return decodeURI(target)
  } catch {
    return target
  }
}

function relationshipOf(tag: XmlTag, part: string): Relationship | null {
  if (!is(tag, NS.rels, 'Relationship')) return null
  const target = attr(tag, 'Target') ?? ''
  return {
    id: attr(tag, 'Id') ?? '',
    type: (attr(tag, 'Type') ?? '').split('/').pop() ?? '',
    target: attr(tag, 'TargetMode') === 'External' ? null : resolve(part, decoded(target))
  }
}

/** The relationships in a parsed .rels part of `part`, with their elements (to remove some in place). */
export function relationshipElements(root: XmlElement, part: string): { element: XmlElement; rel: Relationship }[] {
  const list = root.children[0]
  if (!list || !is(list, NS.rels, 'Relationships')) return []
  return list.children.flatMap((element) => {
    const rel = relationshipOf(element, part)
    return rel ? [{ element, rel }] : []
  })
}

/** The relationships of a part, from its .rels part's text ('' when it has none). */
export function relationshipsIn(xml: string, part: string): Relationship[] {
  return xml ? relationshipElements(parseXml(xml), part).map((r) => r.rel) : []
}

/** The relationships of a part of a package opened for reading. */
export function readRelationships(pkg: OfficePackage, part: string): Relationship[] {
  const found: Relationship[] = []
  const events: XmlEvents = {
    open: (tag) => {
      const rel = relationshipOf(tag, part)
      if (rel) found.push(rel)
    }
  }
  readPart(pkg, relsPart(part), events)
  return found
}
