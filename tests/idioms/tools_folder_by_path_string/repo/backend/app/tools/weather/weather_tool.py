class WeatherTool:
    name = "weather"
