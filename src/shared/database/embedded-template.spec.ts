import { embeddedTemplatePath } from './embedded-template';

// The install script cannot import TypeScript; it computes the same path on its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { templatePath } = require('../../../scripts/embedded-template-path.js') as {
  templatePath: () => string;
};

describe('embedded database template', () => {
  it('is looked for where the install script writes it', () => {
    expect(embeddedTemplatePath()).toBe(templatePath());
  });

  it('is named after the installed PGlite version', () => {
    expect(embeddedTemplatePath()).toMatch(
      /node_modules\/\.cache\/cleanroom-billing\/pglite-\d+\.\d+\.\d+-empty\.tar\.gz$/,
    );
  });
});
