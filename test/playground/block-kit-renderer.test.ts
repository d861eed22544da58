/**
 * The page's Block Kit renderer and its view state, run in Node: they are plain functions from
 * blocks to HTML strings, so escaping and data attributes can be checked without a browser.
 */
import { describe, expect, it } from 'vitest';

interface Renderer {
  renderBlocks: (blocks: unknown[], context: Record<string, unknown>) => string;
  renderSuggestions: (response: unknown) => string;
}
interface Mrkdwn {
  mrkdwnToHtml: (text: string) => string;
}
interface ViewState {
  viewValues: (blocks: unknown[], known?: object, draft?: object) => Record<string, Record<string, unknown>>;
  stateEntryFor: (element: unknown, input: unknown) => unknown;
}

// The modules are browser JavaScript served as they are; import them by URL so TypeScript does not
// look for declarations that a static asset has no reason to carry.
const load = <T>(name: string) =>
  import(new URL(`../../src/local/slack/playground/static/${name}`, import.meta.url).href) as Promise<T>;
const { renderBlocks, renderSuggestions } = await load<Renderer>('block-kit.js');
const { mrkdwnToHtml } = await load<Mrkdwn>('mrkdwn.js');
const { viewValues, stateEntryFor } = await load<ViewState>('view-state.js');

const plain = (text: string) => ({ type: 'plain_text', text });
const option = (value: string, text = value) => ({ text: plain(text), value });

describe('mrkdwn', () => {
  it('never turns message text into markup', () => {
    const html = mrkdwnToHtml('<img src=x onerror=alert(1)> *<script>alert(1)</script>* "quoted"');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&quot;quoted&quot;');
  });

  it('renders bold, italics, strike, code, links and line breaks', () => {
    const html = mrkdwnToHtml('*bold* _it_ ~gone~ `s-bp1_x_1`\n<https://example.com/a?b=1&c=2|the docs>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<code>s-bp1_x_1</code>');
    expect(html).toContain('<br>');
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(html).toContain('>the docs</a>');
  });

  it('shows links with other schemes as text, and decodes Slack entities once', () => {
    const html = mrkdwnToHtml('<javascript:alert(1)|click> a &lt;b&gt; &amp;lt;');
    expect(html).not.toContain('<a ');
    expect(html).toContain('click');
    expect(html).toContain('a &lt;b&gt; &amp;lt;');
  });

  it('wraps mentions and code in emphasis, but never formats inside code', () => {
    const html = mrkdwnToHtml('*<@U1>* asked: `*x* :x:` :x:');
    expect(html).toMatch(/<strong><span class="mention"[^>]*>@U1<\/span><\/strong>/);
    expect(html).toContain('<code>*x* :x:</code> ❌');
  });

  it('keeps code blocks verbatim', () => {
    expect(mrkdwnToHtml('```\n*not bold* <b>\n```')).toBe('<pre>*not bold* &lt;b&gt;</pre>');
  });
});

describe('renderBlocks', () => {
  it('labels every interactive element with its block and action IDs', () => {
    const html = renderBlocks(
      [
        { type: 'header', text: plain('Copy request <1>') },
        {
          type: 'section',
          block_id: 'summary',
          text: { type: 'mrkdwn', text: '*Source* `s-1`' },
          fields: [{ type: 'mrkdwn', text: '*Region*\ncn-hangzhou' }],
          accessory: { type: 'button', action_id: 'details', text: plain('Details') },
        },
        { type: 'divider' },
        {
          type: 'actions',
          block_id: 'approval',
          elements: [
            { type: 'button', action_id: 'approve', style: 'primary', text: plain('Approve'), value: 'r1' },
            {
              type: 'button',
              action_id: 'reject',
              style: 'danger',
              text: plain('Reject'),
              confirm: { title: plain('Sure?'), text: plain('x'), confirm: plain('Yes'), deny: plain('No') },
            },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'asked by <@U1>' }] },
      ],
      { surface: 'message', names: { user: () => 'riley', channel: (id: string) => id } },
    );
    expect(html).toContain('Copy request &lt;1&gt;');
    expect(html).toMatch(/data-block-id="summary" data-action-id="details"/);
    expect(html).toMatch(
      /class="bk-button bk-button-primary"[^>]*data-block-id="approval" data-action-id="approve"/,
    );
    expect(html).toMatch(/bk-button-danger[^>]*data-action-id="reject"/);
    expect(html).toContain('@riley');
    expect(html).toContain('<hr>');
  });

  it('renders inputs with their current values and inline errors', () => {
    const blocks = [
      {
        type: 'input',
        block_id: 'name',
        label: plain('Name'),
        element: { type: 'plain_text_input', action_id: 'name_input', initial_value: 'first' },
      },
      {
        type: 'input',
        block_id: 'description',
        optional: true,
        label: plain('Description'),
        element: { type: 'plain_text_input', action_id: 'description_input', multiline: true },
      },
      {
        type: 'input',
        block_id: 'region',
        dispatch_action: true,
        label: plain('Region'),
        element: { type: 'static_select', action_id: 'region_select', options: [option('a'), option('b')] },
      },
      {
        type: 'input',
        block_id: 'retention',
        label: plain('Retention'),
        element: { type: 'number_input', action_id: 'days', is_decimal_allowed: false, min_value: '1' },
      },
      {
        type: 'input',
        block_id: 'flags',
        label: plain('Flags'),
        element: { type: 'checkboxes', action_id: 'flags_cb', options: [option('x'), option('y')] },
      },
    ];
    const values = {
      name: { name_input: { type: 'plain_text_input', value: 'typed "<name>"' } },
      region: { region_select: { type: 'static_select', selected_option: option('b') } },
      flags: { flags_cb: { type: 'checkboxes', selected_options: [option('y')] } },
    };
    const html = renderBlocks(blocks, {
      surface: 'modal',
      values,
      errors: { retention: 'Must be 1–65536 <days>' },
    });
    expect(html).toContain('value="typed &quot;&lt;name&gt;&quot;"');
    expect(html).toMatch(/<textarea[^>]*data-action-id="description_input"/);
    expect(html).toContain('(optional)');
    expect(html).toContain('<option value="b" selected>');
    expect(html).toContain('data-dispatch-action="true"');
    expect(html).toMatch(/type="number"[^>]*min="1"/);
    expect(html).toContain('<input type="checkbox" name="flags/flags_cb" value="y" checked>');
    expect(html).toContain('Must be 1–65536 &lt;days&gt;');
    expect(html).toContain('bk-input bk-has-error');
  });

  it('lists external select suggestions, or says there are none', () => {
    expect(renderSuggestions({ options: [option('s-1', 'web <daily>')] })).toContain(
      'data-value="s-1" data-label="web &lt;daily&gt;"',
    );
    expect(renderSuggestions({ options: [] })).toContain('No results');
  });
});

describe('view state', () => {
  const blocks = [
    {
      type: 'input',
      block_id: 'n',
      element: { type: 'plain_text_input', action_id: 'v', initial_value: 'x' },
    },
    {
      type: 'input',
      block_id: 'd',
      element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false },
    },
    { type: 'input', block_id: 's', element: { type: 'external_select', action_id: 'v' } },
    { type: 'input', block_id: 'c', element: { type: 'checkboxes', action_id: 'v', options: [option('a')] } },
    { type: 'section', text: plain('no state here') },
  ];

  it('reports what Slack would: initial values, nulls and empty lists for untouched elements', () => {
    expect(viewValues(blocks)).toEqual({
      n: { v: { type: 'plain_text_input', value: 'x' } },
      d: { v: { type: 'number_input', value: null } },
      s: { v: { type: 'external_select', selected_option: null } },
      c: { v: { type: 'checkboxes', selected_options: [] } },
    });
  });

  it('prefers what the user changed in the page over what the server knows', () => {
    const known = {
      d: { v: { type: 'number_input', value: '7' } },
      n: { v: { type: 'plain_text_input', value: 'y' } },
    };
    const draft = { n: { v: stateEntryFor(blocks[0]!.element, 'z') } };
    const values = viewValues(blocks, known, draft);
    expect(values.n).toEqual({ v: { type: 'plain_text_input', value: 'z' } });
    expect(values.d).toEqual({ v: { type: 'number_input', value: '7' } });
    expect(stateEntryFor(blocks[3]!.element, ['a'])).toEqual({
      type: 'checkboxes',
      selected_options: [option('a')],
    });
    expect(stateEntryFor(blocks[0]!.element, '')).toEqual({ type: 'plain_text_input', value: null });
  });
});
