import type { Language } from '../i18n/index.js';

/**
 * The monitor's own words, in the five languages (finding texts come from the core catalogues).
 * Kept beside the monitor: the shared catalogues hold the diagnosis texts.
 */
const TEXTS = {
  en: {
    listening: 'listening on {{url}}',
    store: 'store: {{db}}',
    http: 'Fleet page on {{url}}',
    opened: 'opened',
    closed: 'closed',
    state: 'state',
    storeFailed: 'store write failed, retrying: {{message}}',
    stopped: 'stopped: {{messages}} messages, {{lines}} lines, {{stored}} lines stored, {{tunnels}} tunnels',
    unstored: '{{lines}} lines could not be stored (the store was unreachable)',
    faults: '{{faults}} messages or rounds skipped after an internal error',
    alerts: 'alerts: {{sent}} sent, {{failed}} failed, {{dropped}} dropped',
  },
  fr: {
    listening: 'écoute sur {{url}}',
    store: 'stockage : {{db}}',
    http: 'page Parc sur {{url}}',
    opened: 'ouvert',
    closed: 'clos',
    state: 'état',
    storeFailed: "échec d'écriture du stockage, nouvel essai : {{message}}",
    stopped:
      'arrêté : {{messages}} messages, {{lines}} lignes, {{stored}} lignes stockées, {{tunnels}} tunnels',
    unstored: "{{lines}} lignes n'ont pas pu être stockées (stockage injoignable)",
    faults: '{{faults}} messages ou cycles ignorés après une erreur interne',
    alerts: 'alertes : {{sent}} envoyées, {{failed}} en échec, {{dropped}} abandonnées',
  },
  zh: {
    listening: '正在监听 {{url}}',
    store: '存储：{{db}}',
    http: '设备群页面：{{url}}',
    opened: '新发现',
    closed: '已恢复',
    state: '状态',
    storeFailed: '写入存储失败，正在重试：{{message}}',
    stopped: '已停止：{{messages}} 条消息，{{lines}} 行，已存储 {{stored}} 行，{{tunnels}} 条隧道',
    unstored: '{{lines}} 行未能存储（存储不可达）',
    faults: '因内部错误跳过了 {{faults}} 条消息或轮次',
    alerts: '告警：已发送 {{sent}}，失败 {{failed}}，丢弃 {{dropped}}',
  },
  ja: {
    listening: '{{url}} で待ち受け中',
    store: 'ストア: {{db}}',
    http: 'フリートページ: {{url}}',
    opened: '発生',
    closed: '解消',
    state: '状態',
    storeFailed: 'ストアへの書き込みに失敗しました。再試行します: {{message}}',
    stopped: '停止: メッセージ {{messages}} 件、{{lines}} 行、保存 {{stored}} 行、トンネル {{tunnels}} 本',
    unstored: '{{lines}} 行を保存できませんでした（ストアに接続できません）',
    faults: '内部エラーのため {{faults}} 件のメッセージまたは処理回をスキップしました',
    alerts: 'アラート: 送信 {{sent}} 件、失敗 {{failed}} 件、破棄 {{dropped}} 件',
  },
  ko: {
    listening: '{{url}}에서 수신 대기 중',
    store: '저장소: {{db}}',
    http: '플릿 페이지: {{url}}',
    opened: '발생',
    closed: '해소',
    state: '상태',
    storeFailed: '저장소 쓰기 실패, 재시도 중: {{message}}',
    stopped: '중지됨: 메시지 {{messages}}개, {{lines}}줄, 저장 {{stored}}줄, 터널 {{tunnels}}개',
    unstored: '{{lines}}줄을 저장하지 못했습니다(저장소에 연결할 수 없음)',
    faults: '내부 오류로 메시지 또는 처리 주기 {{faults}}건을 건너뛰었습니다',
    alerts: '알림: 전송 {{sent}}건, 실패 {{failed}}건, 폐기 {{dropped}}건',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type WatchText = keyof (typeof TEXTS)['en'];

export function watchText(
  lang: Language,
  key: WatchText,
  vars: Record<string, string | number> = {},
): string {
  const template: string = TEXTS[lang][key];
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export const WATCH_TEXTS = TEXTS;
