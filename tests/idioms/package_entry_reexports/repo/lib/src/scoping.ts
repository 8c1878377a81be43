export const detectAppId = () => "app";
export const detectRunId = () => "run";
