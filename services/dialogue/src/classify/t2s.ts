/**
 * Traditional → simplified Chinese for the characters telephone conversations actually use
 * (ASR models trained on mixed corpora sometimes emit traditional forms). A character table, not
 * a phrase converter: enough for keyword matching, where one-to-many ambiguities do not matter.
 */
const PAIRS =
  '們们個个說说話话電电這这還还沒没別别興兴趣趣麼么嗎吗貸贷款款額额費费錢钱經经營营裝装買买車车開开會会談谈難难聽听見见認认識识誰谁哪哪' +
  '號号碼码來来從从為为對对應应該该問问題题謝谢請请讓让給给於于與与專专業业務务幫帮辦办單单線线關关係系點点時时間间' +
  '現现實实錯错過过進进還还無无憂忧慮虑穩稳騙骗詐诈欺欺紀纪錄录復复轉转換换據据夠够機机構构貨货幣币銀银絡络網网戶户' +
  '爲为須须歡欢樂乐麗丽傳传萬万億亿兩两幾几塊块燈灯雙双處处區区醫医藥药書书學学習习寫写讀读記记計计設设証证證证' +
  '態态勞劳動动靜静邊边選选擇择標标準准備备極极樣样愛爱親亲戚戚氣气雲云電电厲厉嚴严盡尽屬属雜杂稱称隨随確确遠远' +
  '議议護护歷历權权憑凭擔担據据響响頭头顧顾題题類类顯显風风飛飞養养驗验體体髮发鬧闹麵面齊齐齡龄龍龙龜龟' +
  '謊谎騷骚擾扰詢询費费貴贵賬账賺赚財财貼贴資资質质贈赠購购賣卖廣广場场餘余噢噢嗯嗯吶呐啦啦罷罢鬆松攏拢';

const TABLE = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const [t, s] = [PAIRS[i]!, PAIRS[i + 1]!];
  if (t !== s) TABLE.set(t, s);
}

export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += TABLE.get(ch) ?? ch;
  return out;
}
