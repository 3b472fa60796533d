"""placeholder until the WebSocket consumers land"""
