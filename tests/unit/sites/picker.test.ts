import { afterEach, describe, expect, it } from 'vitest';
import { pickConversationArea, selectorFor } from '../../../lib/sites/picker';

afterEach(() => {
  document.body.innerHTML = '';
});

function must<T extends Element>(el: T | null): T {
  if (!el) throw new Error('element not found');
  return el;
}

describe('selectorFor', () => {
  it('builds a selector that finds the same element alone, from durable attributes', () => {
    document.body.innerHTML = `
      <div class="layout"><div class="col css-1x2y3z"><div class="panel"><div class="panel-body">A</div></div>
      <div class="panel"><div class="panel-body" id="ember1234">B</div></div></div>
      <section data-testid="transcript"><p>x</p></section></div>`;
    const second = must(document.querySelectorAll('.panel-body')[1] ?? null);
    const selector = selectorFor(second);
    expect(document.querySelectorAll(selector)).toHaveLength(1);
    expect(document.querySelector(selector)).toBe(second);
    // Generated ids and class names would not survive a reload.
    expect(selector).not.toContain('ember1234');
    expect(selector).not.toContain('css-1x2y3z');
    expect(selectorFor(must(document.querySelector('section')))).toBe('section[data-testid="transcript"]');
  });

  it('uses a stable id when there is one', () => {
    document.body.innerHTML = '<div id="messagebody"><p>x</p></div>';
    expect(selectorFor(must(document.querySelector('#messagebody')))).toBe('#messagebody');
  });
});

describe('pickConversationArea', () => {
  it('resolves with the clicked element’s selector and removes its overlay; the page does not see the click', async () => {
    document.body.innerHTML =
      '<main><div class="thread" data-qa="thread"><a href="#x" class="msg">Hallo</a></div></main>';
    let pageSawClick = false;
    must(document.querySelector('.msg')).addEventListener('click', () => {
      pageSawClick = true;
    });
    const picking = pickConversationArea(document);
    const host = must(document.querySelector('[data-rapport-ui="picker"]'));
    expect(host.shadowRoot?.textContent).toContain('Esc');
    const thread = must(document.querySelector('.thread'));
    thread.dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    thread.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const selector = await picking;
    expect(selector).toBe('div[data-qa="thread"]');
    expect(document.querySelector('[data-rapport-ui]')).toBeNull();
    expect(pageSawClick).toBe(false);
  });

  it('widens the choice with ArrowUp and picks with Enter', async () => {
    document.body.innerHTML = '<div id="conv"><p class="line">Hallo</p></div>';
    const picking = pickConversationArea(document);
    must(document.querySelector('.line')).dispatchEvent(new MouseEvent('mousemove', { bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp' }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(await picking).toBe('#conv');
  });

  it('cancels on Escape and on abort, tearing the overlay down', async () => {
    document.body.innerHTML = '<div>x</div>';
    const escaped = pickConversationArea(document);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(await escaped).toBeNull();
    expect(document.querySelector('[data-rapport-ui]')).toBeNull();

    const controller = new AbortController();
    const aborted = pickConversationArea(document, { signal: controller.signal });
    expect(document.querySelector('[data-rapport-ui]')).not.toBeNull();
    controller.abort();
    expect(await aborted).toBeNull();
    expect(document.querySelector('[data-rapport-ui]')).toBeNull();
  });
});
