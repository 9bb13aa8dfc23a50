import PDFDocument from 'pdfkit';

/**
 * A one-page PDF with these lines, the first set large as its cover title and named as
 * the file's title. pdfkit stamps CreationDate with the current time unless
 * `creationDate` is given; `userPassword` encrypts the file.
 */
export function writePdf(
  lines: readonly string[],
  options: { creationDate?: Date; userPassword?: string } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    info: { Title: lines[0] ?? '', ...(options.creationDate ? { CreationDate: options.creationDate } : {}) },
    ...(options.userPassword ? { userPassword: options.userPassword, ownerPassword: 'owner' } : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const [title, ...rest] = lines;
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .text(title ?? '')
    .moveDown();
  doc.font('Helvetica').fontSize(11);
  for (const line of rest) doc.text(line).moveDown(0.5);
  doc.end();
  return done;
}
