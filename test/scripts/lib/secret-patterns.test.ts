// The one masker of what the scripts print (deploy-cli's output, deploy and plan's lines).
import { MASK, maskSecrets } from '../../../scripts/lib/secret-patterns';
import { fakeSendgridKey } from '../../helpers/fake-sendgrid-key';

test('maskSecrets hides known secret values and anything shaped like a secret', () => {
  const key = fakeSendgridKey('abc');
  expect(maskSecrets(`client_secret s3cr3t-value and ${key}`, ['s3cr3t-value'])).toBe(
    `client_secret ${MASK} and ${MASK}`,
  );
});
