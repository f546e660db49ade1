// A step of the form, as the Forms runtime renders it, in the login side's look: the runtime's
// page (escaped, script-free) with the login pages' style added, and their headers.
import type { Reply } from '../../http/router';
import { PAGE_STYLE, pageHeaders } from './page-layout';

const FORM_STYLE = `
.field { margin-bottom: .5rem; }
.field p.hint { color: #5b6475; font-size: .875rem; margin: 0 0 .35rem; }
.field p.error { margin: .35rem 0 0; }
.form-error { background: #fdecec; color: #9b1c1c; border: 1px solid #f5c2c2; border-radius: 6px; padding: 0 .75rem; margin-bottom: 1rem; }
.rich-text h1 { margin-bottom: .5rem; }
.resend { margin-top: 1.25rem; color: #5b6475; font-size: .9rem; text-align: center; }
.resend button { width: auto; margin: 0; padding: 0; background: none; color: #3b5bdb; font-size: .9rem; text-decoration: underline; }
`;

export function formStepPage(runtimeHtml: string, status = 200): Reply {
  const styled = runtimeHtml.replace('</head>', `<style>${PAGE_STYLE}${FORM_STYLE}</style>\n</head>`);
  return { status, headers: pageHeaders(), body: styled };
}
