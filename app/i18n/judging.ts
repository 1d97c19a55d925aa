// Messages for fair and blind judging (issue #11): co-author invitations, judge copies without
// metadata, assignment rounds, locked awards and corrections, explained results. Keys start with "judging.".
export const zh = {
  "judging.enter.blindNotice":
    "本竞赛匿名评审：请勿在附件正文（文字、页眉页脚、图片水印等）中写出姓名、单位、电话或邮箱。评委下载的附件已去除文件属性（作者、创建者、EXIF、XMP 等）并改用中性文件名，但正文内容无法自动去除。",
  "judging.enter.coAuthorsHelp":
    "每行一位合作者：填写已注册用户的手机号，对方会收到邀请，接受后才计入作者；也可只填姓名。本竞赛的评委不能列为合作者。",
  "judging.validation.coAuthorIsJudge": "{phone} 是本竞赛的评委，不能列为合作者。",
  "judging.validation.judgeCannotCoAuthor": "你是本竞赛的评委，不能成为参赛作品的合作者。",
  "judging.error.noInvitation": "没有待回复的合作邀请。",
  "judging.invite.title": "合作者邀请",
  "judging.invite.help": "接受后你将作为作者列出，评审回避也会考虑你的单位；征集截止后不能再回复。",
  "judging.invite.line": "{name} 邀请你作为《{title}》的合作者",
  "judging.invite.accept": "接受",
  "judging.invite.decline": "拒绝",
  "judging.invite.accepted": "已接受邀请。",
  "judging.invite.declined": "已拒绝邀请。",
  "judging.notify.coAuthorInvited": "{name} 邀请你作为《{title}》的合作者，请确认。",
  "judging.notify.coAuthorAccepted": "{name} 已接受《{title}》的合作邀请。",
  "judging.notify.coAuthorDeclined": "{name} 拒绝了《{title}》的合作邀请。",
  "judging.notify.reopened": "“{contest}”中《{entry}》的评分表已退回，请重新评分并提交。",
  "judging.notify.resultsOut": "“{contest}”评审结果已公布。",
  "judging.error.blindCopyFailed": "该附件无法生成去除作者信息的评审副本，请联系竞赛组织者。",
  "judging.assign.roundHelp":
    "手动分配不会逐件通知评委；分配完一轮后点击“通知评委”，每位评委只收到一条汇总通知。自动分配会同时通知。",
  "judging.assign.unannounced": "有 {n} 项分配尚未通知评委。",
  "judging.assign.notify": "通知评委",
  "judging.assign.notified": "已通知 {n} 位评委。",
  "judging.error.awardsLocked": "结果已公布，奖项已锁定；如需更改，请使用“更正奖项”并填写理由。",
  "judging.error.notPublished": "结果尚未公布，请直接修改奖项。",
  "judging.error.awardChanged": "该作品的奖项刚被他人修改，请刷新后重试。",
  "judging.validation.sameAward": "新奖项与当前奖项相同。",
  "judging.validation.reasonRequired": "请填写更正理由。",
  "judging.results.methodTitle": "计分方法",
  "judging.results.scoreMethod.auto": "作品得分：评委不少于 5 位时去掉一个最高分和一个最低分后取平均，否则取平均。",
  "judging.results.scoreMethod.mean": "作品得分：各评委总分的平均。",
  "judging.results.scoreMethod.trimmed": "作品得分：评委不少于 3 位时去掉一个最高分和一个最低分后取平均，否则取平均。",
  "judging.results.normalisedOn":
    "已启用标准化：评委总分按该评委的均值和标准差换算到全体评分的均值和标准差（z 分数），结果限制在 0–100 之间；评分表少于 {min} 份的评委不做标准化，使用原始分。表中“原始 → 标准化”。",
  "judging.results.normalisedOff": "未启用标准化：使用评委原始总分。",
  "judging.results.outlierRule":
    "偏离：有 3 位及以上评委时，评委总分与该作品全部评委总分的中位数相差超过 {points} 分即标为偏离（仅提示，不剔除）。",
  "judging.results.tieBreaks":
    "同分时依次比较：中位数；“{criterion}”的平均得分率；提交时间（早者优先）。两项比较值列于表中。",
  "judging.results.perCategory": "奖项名额按类别分别计算，每个类别：{tiers}。",
  "judging.results.tierCount": "{name} {n} 名",
  "judging.results.exportCsv": "导出评分矩阵与结果（CSV）",
  "judging.results.exportXlsx": "导出评分矩阵与结果（XLSX）",
  "judging.results.raw": "原始分",
  "judging.results.rawToNormalised": "原始 → 标准化",
  "judging.results.notNormalised": "评分表少于 3 份，未标准化",
  "judging.results.median": "中位数",
  "judging.results.heavyShare": "“{criterion}”得分率",
  "judging.results.method": "计分方法",
  "judging.results.judgeRaw": "{judge}（原始分）",
  "judging.results.judgeNormalised": "{judge}（标准化）",
  "judging.results.judgeOutlier": "{judge}（偏离）",
  "judging.results.locked": "结果已公布，奖项已锁定。如需更正，请在下方填写理由；更正会记录在案并在公开页面注明。",
  "judging.results.correctTitle": "更正奖项",
  "judging.results.correctHelp": "更正需填写理由，记入审计日志，公开页面将显示“已于……更正”。",
  "judging.results.reason": "更正理由",
  "judging.results.correct": "更正奖项",
  "judging.results.corrected": "奖项已更正。",
  "judging.results.correctionLine": "{who} · {when} · 《{entry}》奖项更正：{before} → {after}；理由：{reason}",
  "judging.results.correctedOn": "已于 {date} 更正",
  "judging.results.publicMethod":
    "得分为各评委加权总分（满分 100）的平均（评委较多时去掉最高和最低分）；同分时依次比较中位数、“{criterion}”得分率、提交时间。",
  "judging.results.publicPerCategory": "奖项名额按类别分别评定。",
  "judging.results.auditOlder": "更早的记录",
  "judging.results.auditNewest": "最新记录",
};

export const en: Record<keyof typeof zh, string> = {
  "judging.enter.blindNotice":
    "This contest is judged blind: keep names, employer, phone numbers and e-mail addresses out of the body of your files (text, headers and footers, watermarks in pictures). Judges get your files under neutral names with their properties removed (author, creator, EXIF, XMP…), but what the pages themselves say cannot be removed automatically.",
  "judging.enter.coAuthorsHelp":
    "One co-author per line: the mobile number of a registered user, who is invited and counts as an author only after accepting; or just a name. Judges of this contest cannot be listed.",
  "judging.validation.coAuthorIsJudge": "{phone} is a judge of this contest and cannot be listed as a co-author.",
  "judging.validation.judgeCannotCoAuthor": "You are a judge of this contest and cannot co-author an entry in it.",
  "judging.error.noInvitation": "There is no co-author invitation waiting for your answer.",
  "judging.invite.title": "Co-author invitations",
  "judging.invite.help":
    "Once you accept you are listed as an author, and judges from your employer or union are kept off the entry. Invitations can be answered until submission closes.",
  "judging.invite.line": "{name} invited you to co-author “{title}”",
  "judging.invite.accept": "Accept",
  "judging.invite.decline": "Decline",
  "judging.invite.accepted": "Invitation accepted.",
  "judging.invite.declined": "Invitation declined.",
  "judging.notify.coAuthorInvited": "{name} invited you to co-author “{title}”: please confirm.",
  "judging.notify.coAuthorAccepted": "{name} accepted your invitation to co-author “{title}”.",
  "judging.notify.coAuthorDeclined": "{name} declined your invitation to co-author “{title}”.",
  "judging.notify.reopened":
    "Your score sheet for “{entry}” in “{contest}” was reopened: please score it again and submit.",
  "judging.notify.resultsOut": "The results of “{contest}” are out.",
  "judging.error.blindCopyFailed":
    "A copy of this attachment without its author details could not be made; please contact the contest organiser.",
  "judging.assign.roundHelp":
    "Hand assignments are not announced one by one: when a round is done, press “Notify judges” and each judge gets one notification for all of it. Automatic assignment notifies at once.",
  "judging.assign.unannounced":
    "{n, plural, one {# assignment has} other {# assignments have}} not been announced to the judges yet.",
  "judging.assign.notify": "Notify judges",
  "judging.assign.notified": "{n, plural, one {# judge was} other {# judges were}} notified.",
  "judging.error.awardsLocked":
    "Results are published and the awards are locked; to change one, use “Correct an award” with a reason.",
  "judging.error.notPublished": "Results are not published yet; change the awards directly.",
  "judging.error.awardChanged": "This entry's award was just changed by someone else; reload and try again.",
  "judging.validation.sameAward": "The new award is the same as the current one.",
  "judging.validation.reasonRequired": "Give the reason for the correction.",
  "judging.results.methodTitle": "How scores are computed",
  "judging.results.scoreMethod.auto":
    "Entry score: with 5 or more judges, the mean after dropping the highest and the lowest total; otherwise the mean.",
  "judging.results.scoreMethod.mean": "Entry score: the mean of the judges' totals.",
  "judging.results.scoreMethod.trimmed":
    "Entry score: with 3 or more judges, the mean after dropping the highest and the lowest total; otherwise the mean.",
  "judging.results.normalisedOn":
    "Normalisation is on: each judge's totals are mapped from that judge's mean and spread onto the mean and spread of all totals (z-scores), kept within 0–100; judges with fewer than {min} score sheets are not normalised and keep their raw totals. Cells show “raw → normalised”.",
  "judging.results.normalisedOff": "Normalisation is off: the judges' raw totals are used.",
  "judging.results.outlierRule":
    "Outliers: with 3 or more judges, a total more than {points} points from the median of the entry's totals is flagged (a flag only; it still counts).",
  "judging.results.tieBreaks":
    "Ties go to the higher median, then the higher mean share of full marks on “{criterion}”, then the earlier submission; both values are in the table.",
  "judging.results.perCategory": "Award counts apply per category; in each category: {tiers}.",
  "judging.results.tierCount": "{name} × {n}",
  "judging.results.exportCsv": "Export score matrix and results (CSV)",
  "judging.results.exportXlsx": "Export score matrix and results (XLSX)",
  "judging.results.raw": "raw",
  "judging.results.rawToNormalised": "raw → normalised",
  "judging.results.notNormalised": "fewer than 3 sheets: not normalised",
  "judging.results.median": "Median",
  "judging.results.heavyShare": "Share on “{criterion}”",
  "judging.results.method": "Method",
  "judging.results.judgeRaw": "{judge} (raw)",
  "judging.results.judgeNormalised": "{judge} (normalised)",
  "judging.results.judgeOutlier": "{judge} (outlier)",
  "judging.results.locked":
    "Results are published and the awards are locked. To correct one, give a reason below: the correction is audited and marked on the public page.",
  "judging.results.correctTitle": "Correct an award",
  "judging.results.correctHelp":
    "A correction needs a reason, is written to the audit log, and the public page shows “corrected on …”.",
  "judging.results.reason": "Reason for the correction",
  "judging.results.correct": "Correct the award",
  "judging.results.corrected": "The award was corrected.",
  "judging.results.correctionLine": "{who} · {when} · “{entry}” award corrected: {before} → {after}; reason: {reason}",
  "judging.results.correctedOn": "corrected on {date}",
  "judging.results.publicMethod":
    "The score is the mean of the judges' weighted totals (out of 100; with many judges the highest and lowest are dropped); ties go to the higher median, then the higher share on “{criterion}”, then the earlier submission.",
  "judging.results.publicPerCategory": "Awards are given per category.",
  "judging.results.auditOlder": "Older entries",
  "judging.results.auditNewest": "Newest entries",
};
