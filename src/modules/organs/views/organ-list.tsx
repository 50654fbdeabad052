import { EmptyState } from '../../../ui/components.js';
import { StaffLayout } from '../../../ui/layout.js';
import type { ViewCtx } from '../../../ui/view.js';
import { type Nav, ORGANS_HREF, organKindLabel } from './common.js';

export interface OrganListItem {
  id: number;
  code: string;
  name: string;
  kind: string;
  depth: number;
  parentName: string | null;
  unitCount: number;
}

/** The indentation that shows an organ's depth in the tree; the 上级机关 column says it in words. */
function Indent({ depth }: { depth: number }) {
  if (depth === 0) return null;
  return <span aria-hidden="true">{`${'　'.repeat(depth - 1)}└ `}</span>;
}

export function OrganListPage(props: { ctx: ViewCtx; nav: Nav; organs: readonly OrganListItem[]; canCreate: boolean }) {
  const { organs } = props;
  return (
    <StaffLayout ctx={props.ctx} title="机关与处室" nav={props.nav} current={ORGANS_HREF}>
      <h1>机关与处室</h1>
      <p class="lead">您可以查阅的机关，下级机关缩进排在其上级机关之下。</p>
      {props.canCreate ? (
        <div class="actions">
          <a class="button" href={`${ORGANS_HREF}/new`}>
            新增下级机关
          </a>
        </div>
      ) : null}
      {organs.length === 0 ? (
        <EmptyState title="没有可以查阅的机关。" />
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="hint">共 {organs.length} 个机关</caption>
            <thead>
              <tr>
                <th scope="col">机关名称</th>
                <th scope="col">类别</th>
                <th scope="col">机关代码</th>
                <th scope="col">上级机关</th>
                <th scope="col">处室数</th>
              </tr>
            </thead>
            <tbody>
              {organs.map((o) => (
                <tr>
                  <th scope="row">
                    <Indent depth={o.depth} />
                    <a href={`${ORGANS_HREF}/${o.id}`}>{o.name}</a>
                  </th>
                  <td>
                    <span class="tag">{organKindLabel(o.kind)}</span>
                  </td>
                  <td>
                    <code>{o.code}</code>
                  </td>
                  <td>{o.parentName ?? <span class="hint">—</span>}</td>
                  <td class="num">{o.unitCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffLayout>
  );
}
