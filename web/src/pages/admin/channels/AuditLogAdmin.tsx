import { ComingSoon } from '../kit/ComingSoon';

export default function AuditLogAdmin() {
  return <ComingSoon section="audit-log" />;
}
