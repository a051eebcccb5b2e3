// The HTML GitHub keeps in comments and job summaries: the elements and attributes of its sanitiser's allowlist
// (github/markup's SanitizationFilter in html-pipeline). Anything else is stripped, so a report relying on it
// shows differently (or not at all) on GitHub.
export const ALLOWED_ELEMENTS = new Set(
  (
    'h1 h2 h3 h4 h5 h6 h7 h8 br b i strong em a pre code img tt div ins del sup sub p picture ol ul table thead ' +
    'tbody tfoot blockquote dl dt dd kbd q samp var hr ruby rt rp li tr td th s strike summary details caption ' +
    'figure figcaption abbr bdo cite dfn mark small source span time wbr input'
  ).split(' '),
);

const EVERYWHERE = new Set(
  (
    'abbr accept accept-charset accesskey action align alt aria-describedby aria-hidden aria-label ' +
    'aria-labelledby axis border cellpadding cellspacing char charoff charset checked clear cols colspan color ' +
    'compact coords datetime dir disabled enctype for frame headers height hreflang hspace ismap label lang ' +
    'maxlength media method multiple name nohref noshade nowrap open progress prompt readonly rel rev role ' +
    'rows rowspan rules scope selected shape size span start summary tabindex target title type usemap valign ' +
    'value vspace width itemprop'
  ).split(' '),
);

const PER_ELEMENT: Record<string, Set<string>> = {
  a: new Set(['href']),
  img: new Set(['src', 'longdesc', 'srcset']),
  source: new Set(['srcset']),
  div: new Set(['itemscope', 'itemtype']),
  blockquote: new Set(['cite']),
  del: new Set(['cite']),
  ins: new Set(['cite']),
  q: new Set(['cite']),
};

export function attributeAllowed(element: string, attribute: string): boolean {
  return EVERYWHERE.has(attribute) || (PER_ELEMENT[element]?.has(attribute) ?? false);
}

/** Link protocols GitHub keeps on `href` (relative links and anchors are kept too). */
export function hrefAllowed(href: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(href) || /^(https?|mailto):/i.test(href);
}
