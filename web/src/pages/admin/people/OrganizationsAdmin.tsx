import { ComingSoon } from '../kit/ComingSoon';

export default function OrganizationsAdmin() {
  return <ComingSoon section="organizations" />;
}
