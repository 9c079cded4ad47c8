import { ComingSoon } from '../kit/ComingSoon';

export default function BrandingAdmin() {
  return <ComingSoon section="branding" />;
}
