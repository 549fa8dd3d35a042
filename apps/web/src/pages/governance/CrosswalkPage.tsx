/* @jsxRuntime automatic */
/**
 * The crosswalk as a table (every active link with its basis: sourced with the source, or migov's own
 * editorial mapping), and for holders of governance:edit the editing of it: add a link, retire
 * one with a reason; every edit names its source and becomes a new version.
 */
import { useContext, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { SessionContext } from '../../app/session-context.tsx';
import { holdsGlobally } from '../../app/permissions.ts';
import { lockedSave } from '../../app/use-locked-save.ts';
import { ErrorMessage } from '../../app/shared.tsx';
import type { Crosswalk, CrosswalkLink, CrosswalkNode } from '@migov/server/api';
import { loadCrosswalk, nodeKindKey } from './governance-data.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';
import { English, Message } from '../../app/Localized.tsx';

const NODE_KINDS = ['migof-element', 'sdg-10-7-2-domain', 'mgi-dimension', 'gcm-objective', 'sdg-target'] as const;

function NodeText({ node }: { node: CrosswalkNode }) {
  const { t } = useI18n();
  return (
    <>
      {t('crosswalk.kind', { kind: nodeKindKey(node.kind) })} {node.id}
    </>
  );
}

function Basis({ link }: { link: CrosswalkLink }) {
  const { t } = useI18n();
  return (
    <>
      {link.basis === 'source' ? (
        <span>
          <Message id="crosswalk.sourced" values={{ source: <English>{link.source ?? ''}</English> }} />
        </span>
      ) : (
        <em>{t('crosswalk.editorial')}</em>
      )}
    </>
  );
}

export function CrosswalkPage({ data: initial }: { data: Crosswalk }) {
  const { t } = useI18n();
  const sessionState = useContext(SessionContext);
  const editor = holdsGlobally(sessionState?.session, 'governance:edit');
  const [data, setData] = useState(initial);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [retiring, setRetiring] = useState<string>();
  const links = data.items.filter((link) => link.status === 'active');

  const edit = async (path: string, body: Record<string, unknown>) => {
    if (!sessionState) return;
    setError(undefined);
    const result = await lockedSave<{ version: number }>(sessionState.api, path, data.version, { body });
    if (result.outcome !== 'saved') return setError(result.outcome === 'conflict' ? result.problem : result.error);
    try {
      setData(await loadCrosswalk(sessionState.api));
      setStatus(t('crosswalk.saved', { version: result.body.version }));
      setRetiring(undefined);
    } catch (failure) {
      setError(failure);
    }
  };
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const basis = text('basis');
    void edit('/crosswalks/links', {
      source: text('editSource'),
      link: {
        from: { kind: text('fromKind'), id: text('fromId') },
        to: { kind: text('toKind'), id: text('toId') },
        basis,
        ...(basis === 'source' && text('linkSource') ? { source: text('linkSource') } : {}),
      },
    });
  };
  const onRetire = (event: FormEvent<HTMLFormElement>, link: CrosswalkLink) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void edit(`/crosswalks/links/${encodeURIComponent(link.id)}/retire`, {
      reason: String(form.get('reason') ?? '').trim(),
      source: String(form.get('editSource') ?? '').trim(),
    });
  };

  return (
    <>
      <h1>{t('crosswalk.title')}</h1>
      <p>{t('crosswalk.intro')}</p>
      <p data-testid="crosswalk-version">{t('crosswalk.version', { version: data.version })}</p>
      <p role="status">{status ?? ''}</p>
      {error ? <ErrorMessage error={error} /> : null}
      {editor ? (
        <form onSubmit={onAdd} data-testid="crosswalk-add" className="stacked-form">
          <fieldset>
            <legend>{t('crosswalk.add')}</legend>
            {(['from', 'to'] as const).map((end) => (
              <p key={end}>
                <label>
                  {t(end === 'from' ? 'crosswalk.from' : 'crosswalk.to')}{' '}
                  <select name={`${end}Kind`} defaultValue={end === 'from' ? 'sdg-10-7-2-domain' : 'gcm-objective'}>
                    {NODE_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t('crosswalk.kind', { kind: nodeKindKey(kind) })}
                      </option>
                    ))}
                  </select>
                </label>{' '}
                <label>
                  {t('crosswalk.nodeId')} <input name={`${end}Id`} required size={10} />
                </label>
              </p>
            ))}
            <p>
              <label>
                {t('crosswalk.basis')}{' '}
                <select name="basis" defaultValue="source">
                  <option value="source">{t('crosswalk.basisSource')}</option>
                  <option value="editorial">{t('crosswalk.editorial')}</option>
                </select>
              </label>
            </p>
            <p>
              <label>
                {t('crosswalk.linkSource')} <input name="linkSource" size={50} />
              </label>
            </p>
            <p>
              <label>
                {t('crosswalk.editSource')} <input name="editSource" required size={50} />
              </label>
            </p>
            <button type="submit">{t('crosswalk.add')}</button>
          </fieldset>
        </form>
      ) : null}
      <ScrollBox label={t('crosswalk.title')}>
        <table data-testid="crosswalk-table">
          <caption>{t('crosswalk.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('crosswalk.from')}</th>
              <th scope="col">{t('crosswalk.to')}</th>
              <th scope="col">{t('crosswalk.basis')}</th>
              {editor ? <th scope="col">{t('crosswalk.retire')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id} data-link={link.id}>
                <th scope="row">
                  <NodeText node={link.from} />
                </th>
                <td>
                  <NodeText node={link.to} />
                </td>
                <td>
                  <Basis link={link} />
                </td>
                {editor ? (
                  <td>
                    {retiring === link.id ? (
                      <form onSubmit={(event) => onRetire(event, link)}>
                        <label>
                          {t('crosswalk.reason')} <input name="reason" required size={20} />
                        </label>{' '}
                        <label>
                          {t('crosswalk.editSource')} <input name="editSource" required size={20} />
                        </label>{' '}
                        <button type="submit">{t('crosswalk.retire')}</button>
                      </form>
                    ) : (
                      <button
                        type="button"
                        onClick={() => setRetiring(link.id)}
                        aria-label={t('crosswalk.retireLink', {
                          from: `${link.from.kind} ${link.from.id}`,
                          to: `${link.to.kind} ${link.to.id}`,
                        })}
                      >
                        {t('crosswalk.retire')}
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}
