import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { describeError } from '../lib/errors';
import { usePackRefresh, usePackSubscriptions, useSubscribePack } from '../lib/replies/templates/hooks';
import { packOriginPattern } from '../lib/replies/templates/pack-url';
import { useTemplateMessages } from './TemplateMessages';
import { TemplatePackItem } from './TemplatePackItem';

/**
 * Team packs: subscribe by https address (asking for the host permission from the click), see each pack's last sync
 * and error, refresh now, unsubscribe. Packs pushed by enterprise policy are listed as locked.
 */
export function TemplatePacks() {
  const { tt, language } = useTemplateMessages();
  const subscriptions = usePackSubscriptions();
  const refresh = usePackRefresh();
  const subscribe = useSubscribePack();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const format = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  function submit(): void {
    setError(null);
    let origin: string;
    try {
      origin = packOriginPattern(url);
    } catch (failure) {
      setError(describeError(failure, tt));
      return;
    }
    // Called straight from the click: browsers only show the permission prompt for a user gesture.
    browser.permissions.request({ origins: [origin] }).then(
      (granted) => {
        if (!granted) {
          setError(tt('templates.packs.permissionDenied', { origin }));
          return;
        }
        subscribe.mutate(url, {
          onSuccess: () => setUrl(''),
          onError: (failure) => setError(describeError(failure, tt)),
        });
      },
      (failure: unknown) => setError(describeError(failure, tt)),
    );
  }

  const list = subscriptions.data ?? [];
  return (
    <section className="tpl-subsection" aria-labelledby={headingId} data-testid="template-packs">
      <h3 id={headingId}>{tt('templates.packs.title')}</h3>
      <p className="help">{tt('templates.packs.help')}</p>
      <form
        className="tpl-subscribe"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span>{tt('templates.packs.url')}</span>
          <input
            type="url"
            value={url}
            placeholder="https://intranet.example.com/rapport/support-pack.json"
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={!url.trim() || subscribe.isPending}>
          {subscribe.isPending ? tt('templates.packs.subscribing') : tt('templates.packs.subscribe')}
        </button>
      </form>
      {error ? (
        <p className="small tpl-error" role="alert">
          {error}
        </p>
      ) : null}
      {subscriptions.isSuccess && list.length === 0 ? (
        <p className="small muted">{tt('templates.packs.none')}</p>
      ) : null}
      <ul className="tpl-packs">
        {list.map((subscription) => (
          <TemplatePackItem
            key={subscription.url}
            subscription={subscription}
            format={format}
            refreshing={refresh.isFetching}
          />
        ))}
      </ul>
    </section>
  );
}
