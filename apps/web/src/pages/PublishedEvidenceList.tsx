/* @jsxRuntime automatic */
/** The evidence of one item as published: links to legal texts and the published files (name, type, size). */
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatFileSize } from '../app/localized.ts';
import type { PublishedEvidence } from '@migov/server/api';

/** Where a published file is downloaded from: the API's public path live, a copy beside the pages in the static site (undefined: no copy). */
export type EvidenceHref = (
  entry: PublishedEvidence & { file: NonNullable<PublishedEvidence['file']> },
) => string | undefined;

const liveHref: EvidenceHref = (entry) => entry.file.downloadUrl;

/** A short name of a media type for people: "PDF", "DOCX", else the subtype. */
function typeName(mediaType: string, filename: string): string {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(filename)?.[1];
  return (extension ?? mediaType.split('/')[1] ?? mediaType).toUpperCase();
}

export function PublishedEvidenceList({
  entries,
  href = liveHref,
}: {
  entries: readonly PublishedEvidence[] | undefined;
  href?: EvidenceHref | undefined;
}) {
  const translator = useI18n();
  if (!entries?.length) return <>–</>;
  return (
    <ul className="evidence-list">
      {entries.map((entry) => {
        if (!entry.file) {
          return (
            <li key={entry.id}>
              <a href={entry.url} rel="noopener noreferrer external">
                {entry.title}
              </a>
            </li>
          );
        }
        const file = { ...entry, file: entry.file };
        const target = href(file);
        const details = translator.t('country.evidenceFile', {
          type: typeName(entry.file.mediaType, entry.file.filename),
          size: formatFileSize(translator, entry.file.size),
        });
        return (
          <li key={entry.id}>
            {target ? (
              <a href={target} download={entry.file.filename} type={entry.file.mediaType}>
                {entry.title}
              </a>
            ) : (
              entry.title
            )}{' '}
            <span className="meta">
              ({entry.title === entry.file.filename ? details : `${entry.file.filename}; ${details}`})
            </span>
          </li>
        );
      })}
    </ul>
  );
}
