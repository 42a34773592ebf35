// Original file: /work/main/proto/voicebot/v1/dialogue.proto


export interface ListScriptsRequest {
}

export interface ListScriptsRequest__Output {
}
