import JSZip from 'jszip';
import { isoDay } from './html-text.js';

/** The title and creation date an Office file's core properties (`docProps/core.xml`) state. */
export interface CoreProperties {
  title: string | null;
  created: string | null;
}

/** Opens an Office file (a ZIP package); a file that is not one fails with the library's message. */
export function openOfficeZip(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

/** Reads `docProps/core.xml`; absent properties are null. */
export async function coreProperties(zip: JSZip): Promise<CoreProperties> {
  const xml = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
  const field = (tag: string) => {
    const match = new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`).exec(xml);
    return match?.[1]?.trim() || null;
  };
  return { title: field('dc:title'), created: isoDay(field('dcterms:created')) };
}
