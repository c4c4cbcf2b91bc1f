// The POT-003 captions file (footage/POT-003.srt).

/** SubRip captions timed to POT-003's voice-over. */
export const SRT = `1
00:00:00,200 --> 00:00:01,100
宜兴原矿紫砂，手工拍身成型

2
00:00:01,300 --> 00:00:02,200
出水顺畅，断水干脆不挂滴

3
00:00:02,300 --> 00:00:02,950
越养越润，一壶养一生
`;
